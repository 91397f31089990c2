/**
 * Flow budgets across a cluster: escrow shares per node in Distributed Data ({@link
 * io.choreo.cluster.budget.BudgetKeeper}), never overspent under concurrent charges from several nodes.
 */
package io.choreo.cluster.budget;

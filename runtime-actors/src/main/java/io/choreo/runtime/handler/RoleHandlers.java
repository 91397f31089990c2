package io.choreo.runtime.handler;

/** Creates the handler of a participant; called once per participant when a session starts. */
@FunctionalInterface
public interface RoleHandlers {

    /**
     * @param role the declared role ({@code Followers})
     * @param participant the participant ({@code Followers[2]})
     * @param instanceName the bound instance name ({@code bindInstances}), or the participant name
     */
    RoleHandler create(String role, String participant, String instanceName);

    /** Handlers that accept every default. */
    static RoleHandlers defaults() {
        return (role, participant, name) -> new RoleHandler() {
        };
    }
}

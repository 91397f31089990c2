package io.choreo.persistence.durable;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * An immutable list that grows by {@link #plus}: each version shares one array with the versions before it, so
 * appending to the newest version copies nothing (a durable participant's sent and received messages grow by one
 * per event). Appending to an older version copies its prefix, unless the newer version already holds the same
 * element there (a step applied first to a batch's progress, then by the event handler to the state). Confined to
 * one actor, like the state it belongs to.
 */
final class AppendOnlyLog<T> extends AbstractList<T> {
    private static final AppendOnlyLog<Object> EMPTY = new AppendOnlyLog<>(new ArrayList<>(0), 0);

    private final ArrayList<T> items;
    private final int size;

    private AppendOnlyLog(ArrayList<T> items, int size) {
        this.items = items;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <T> AppendOnlyLog<T> empty() {
        return (AppendOnlyLog<T>) EMPTY;
    }

    /** {@code list} followed by {@code item}. */
    static <T> List<T> plus(List<T> list, T item) {
        if (list instanceof AppendOnlyLog<T> log) {
            return log.plus(item);
        }
        ArrayList<T> copy = new ArrayList<>(list);
        copy.add(item);
        return new AppendOnlyLog<>(copy, copy.size());
    }

    private AppendOnlyLog<T> plus(T item) {
        if (this != EMPTY && items.size() == size) {
            items.add(item);
            return new AppendOnlyLog<>(items, size + 1);
        }
        if (items.size() > size && items.get(size) == item) {
            return new AppendOnlyLog<>(items, size + 1);
        }
        ArrayList<T> copy = new ArrayList<>(Math.max(8, size * 2));
        copy.addAll(items.subList(0, size));
        copy.add(item);
        return new AppendOnlyLog<>(copy, size + 1);
    }

    @Override
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return items.get(index);
    }

    @Override
    public int size() {
        return size;
    }
}

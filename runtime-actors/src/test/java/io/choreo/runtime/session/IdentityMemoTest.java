package io.choreo.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdentityMemoTest {

    @Test
    void keysAreComparedByIdentityNotByEquality() {
        IdentityMemo<List<String>, Object> memo = new IdentityMemo<>(16);
        List<String> a = new ArrayList<>(List.of("x"));
        List<String> b = new ArrayList<>(List.of("x"));
        Object forA = memo.get(a, k -> new Object());
        assertSame(forA, memo.get(a, k -> new Object()));
        assertNotSame(forA, memo.get(b, k -> new Object()));
    }

    @Test
    void startsOverWhenFull() {
        IdentityMemo<Object, Integer> memo = new IdentityMemo<>(2);
        AtomicInteger computed = new AtomicInteger();
        Object first = new Object();
        memo.get(first, k -> computed.incrementAndGet());
        memo.get(new Object(), k -> computed.incrementAndGet());
        memo.get(new Object(), k -> computed.incrementAndGet());   // full: starts over
        memo.get(first, k -> computed.incrementAndGet());
        assertEquals(4, computed.get());
    }

    @Test
    void threadsThatMissTogetherGetOneValue() throws Exception {
        IdentityMemo<Object, Object> memo = new IdentityMemo<>(16);
        Object key = new Object();
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Object> seen = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.add(memo.get(key, k -> new Object()));
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        Object value = memo.get(key, k -> new Object());
        seen.forEach(v -> assertSame(value, v));
    }
}

package io.choreo.bench;

import io.choreo.projection.CompiledProtocol;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Check time (deadlock, starvation, oracle) of role chains of 10 to 320 roles: growth should be polynomial. */
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CheckScalingBench {
    @Param({"10", "20", "40", "80", "160", "320"})
    public int chainRoles;

    CompiledProtocol chain;

    @Setup
    public void setup() {
        chain = Fixtures.compile(Fixtures.chain(chainRoles));
    }

    @Benchmark
    public Object checkChain() {
        return Fixtures.check(chain);
    }
}

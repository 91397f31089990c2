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

/** Check time (deadlock, starvation, oracle) of loops nested 1 to 32 deep: growth should be polynomial. */
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LoopScalingBench {
    @Param({"1", "2", "4", "8", "16", "32"})
    public int loopDepth;

    CompiledProtocol nested;

    @Setup
    public void setup() {
        nested = Fixtures.compile(Fixtures.nestedLoops(loopDepth));
    }

    @Benchmark
    public Object checkNestedLoops() {
        return Fixtures.check(nested);
    }
}

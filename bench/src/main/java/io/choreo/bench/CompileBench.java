package io.choreo.bench;

import io.choreo.dsl.Dsl;
import io.choreo.projection.Compiler;
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

/**
 * Parse alone; parse + validate + project every role; and parse + project + check (deadlock, starvation, and the
 * oracle's translation validation), for protocols of 10 to 10,000 interactions.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CompileBench {
    @Param({"10", "100", "1000", "10000"})
    public int interactions;

    @Param({"2", "8", "32"})
    public int roles;

    String text;

    @Setup
    public void setup() {
        text = Fixtures.synthetic(interactions, roles);
    }

    @Benchmark
    public Object parse() {
        return Dsl.parse("bench.choreo", text);
    }

    @Benchmark
    public Object parseAndProject() {
        return Compiler.compile("bench.choreo", text);
    }

    @Benchmark
    public Object parseProjectCheck() {
        return Fixtures.check(Compiler.compile("bench.choreo", text).protocol(null));
    }
}

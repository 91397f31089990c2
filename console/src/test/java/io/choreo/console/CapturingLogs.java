package io.choreo.console;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J backend of the console's tests (selected by {@code -Dslf4j.provider} in the pom): a real MDC (unlike
 * slf4j-simple's, which ignores it) and every {@code io.choreo} log line captured with its MDC; warnings and errors
 * also go to stderr.
 */
public final class CapturingLogs implements SLF4JServiceProvider {
    /** One captured log line. */
    public record Line(String logger, Level level, String message, Map<String, String> mdc) {
    }

    private static final ConcurrentLinkedQueue<Line> LINES = new ConcurrentLinkedQueue<>();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final ILoggerFactory loggers = CapturingLogger::new;

    public static List<Line> lines() {
        return List.copyOf(LINES);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    /** A logger that captures io.choreo lines with the MDC of the logging thread. */
    static final class CapturingLogger extends LegacyAbstractLogger {
        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                                   Throwable t) {
            String message = MessageFormatter.basicArrayFormat(pattern, args);
            if (name.startsWith("io.choreo")) {
                Map<String, String> context = MDC.getCopyOfContextMap();
                LINES.add(new Line(name, level, message, context == null ? Map.of() : Map.copyOf(context)));
            }
            if (level.toInt() >= Level.WARN.toInt()) {
                System.err.println(level + " " + name + " - " + message + (t == null ? "" : " " + t));
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}

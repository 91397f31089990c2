package io.choreo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.choreo.cluster.session.SessionEvent;
import io.choreo.cluster.sharding.RoleEntity;
import io.choreo.runtime.engine.PayloadTypeIds;
import io.choreo.runtime.role.RoleActor;
import io.choreo.runtime.session.SessionActor;
import io.choreo.runtime.session.SessionOutcome;
import io.choreo.runtime.wire.CborSerializable;
import io.choreo.runtime.wire.DeclaredTypeIds;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * No Java class name is read from the wire or the journal: a sweep over every class bound to the Jackson serializer
 * (every {@link CborSerializable} of every module on the classpath) for class-name type ids, and forged messages and
 * journal rows naming a class, refused with nothing loaded.
 */
class NoClassNamesOnTheWireTest {
    static final ActorSystem system = ActorSystem.create("no-class-names");
    static final Serialization serialization = SerializationExtension.get(system);
    static final String TRIPWIRE = Tripwire.class.getName().replace("Tripwire", "Trip" + "wire");

    /** Loaded only by name: if anything instantiates it, the system property says so. */
    static final class Tripwire {
        static {
            System.setProperty("choreo.test.tripwire", "loaded");
        }
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    /** Every class on the classpath under io.choreo that the serialization bindings send to Jackson. */
    static List<Class<?>> serializedClasses() throws IOException, ClassNotFoundException {
        List<String> names = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path.resolve("io/choreo"))) {
                try (Stream<Path> files = Files.walk(path.resolve("io/choreo"))) {
                    files.map(f -> path.relativize(f).toString()).filter(f -> f.endsWith(".class"))
                            .forEach(names::add);
                }
            } else if (entry.endsWith(".jar") && path.getFileName().toString().startsWith("choreo-")) {
                try (JarFile jar = new JarFile(entry)) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("io/choreo/") && n.endsWith(".class"))
                            .forEach(names::add);
                }
            }
        }
        List<Class<?>> bound = new ArrayList<>();
        for (String name : names) {
            Class<?> c;
            try {
                c = Class.forName(name.replace('/', '.').replace(File.separatorChar, '.')
                        .replaceAll("\\.class$", ""), false, NoClassNamesOnTheWireTest.class.getClassLoader());
            } catch (LinkageError testFixtureOfAnotherModule) {
                // a test-jar class (another module's test fixture) whose own test dependencies are not here
                assertTrue(name.contains("/process/") || name.contains("Test"), name);
                continue;
            }
            if (CborSerializable.class.isAssignableFrom(c) && c != CborSerializable.class) {
                bound.add(c);
            }
        }
        return bound;
    }

    @Test
    void noSerializedTypeNamesAClassAndNoMapperHasDefaultTyping() throws Exception {
        List<Class<?>> classes = serializedClasses();
        assertTrue(classes.containsAll(List.of(RoleActor.Start.class, SessionActor.RoleFinished.class,
                SessionOutcome.SessionCompleted.class, SessionEvent.ParticipantFinished.class,
                RoleEntity.Activate.class)), "the sweep covers every module: " + classes);
        List<String> offences = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(classes);
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (!seen.add(c) || c.isPrimitive() || c.getName().startsWith("java.")) {
                continue;
            }
            check(c.getName(), c, offences);
            List<Class<?>> parents = new ArrayList<>(List.of(c.getInterfaces()));
            Optional.ofNullable(c.getSuperclass()).ifPresent(parents::add);
            todo.addAll(parents);
            for (Field f : c.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                check(c.getName() + "." + f.getName(), f, offences);
                rawTypes(f.getGenericType(), todo);
            }
            if (c.isRecord()) {
                for (var component : c.getRecordComponents()) {
                    check(c.getName() + "." + component.getName() + "()", component.getAccessor(), offences);
                }
            }
        }
        assertEquals(List.of(), offences, "serialized types with class-name type ids, checked " + seen.size());
        for (String binding : List.of("jackson-cbor", "jackson-json")) {
            ObjectMapper mapper = JacksonObjectMapperProvider.get(system).getOrCreate(binding, Optional.empty());
            assertNull(mapper.getDeserializationConfig().getDefaultTyper(mapper.constructType(Object.class)),
                    binding + " has default typing");
        }
    }

    private static void check(String where, AnnotatedElement element, List<String> offences) {
        JsonTypeInfo info = element.getAnnotation(JsonTypeInfo.class);
        if (info == null) {
            return;
        }
        if (info.use() == JsonTypeInfo.Id.CLASS || info.use() == JsonTypeInfo.Id.MINIMAL_CLASS) {
            offences.add(where + ": " + info.use());
        }
        JsonTypeIdResolver resolver = element.getAnnotation(JsonTypeIdResolver.class);
        if (info.use() == JsonTypeInfo.Id.CUSTOM && (resolver == null
                || !Set.of(PayloadTypeIds.Resolver.class, DeclaredTypeIds.Resolver.class).contains(resolver.value()))) {
            offences.add(where + ": custom type ids not from PayloadTypeIds or DeclaredTypeIds");
        }
    }

    private static void rawTypes(Type type, Deque<Class<?>> into) {
        if (type instanceof Class<?> c) {
            into.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            rawTypes(p.getRawType(), into);
            for (Type argument : p.getActualTypeArguments()) {
                rawTypes(argument, into);
            }
        }
    }

    /** Reads CBOR {@code row} back as Pekko would read a message or journal row of {@code type}. */
    static Object read(Class<?> type, ObjectNode row) throws Exception {
        byte[] bytes = new CBORMapper().writeValueAsBytes(row);
        var serializer = serialization.serializerFor(type);
        return serialization.deserialize(bytes, serializer.identifier(), type.getName()).get();
    }

    static ObjectNode node() {
        return new CBORMapper().createObjectNode();
    }

    static ArrayNode typed(String id, Object value) {
        ArrayNode a = new CBORMapper().createArrayNode().add(id);
        if (value instanceof String s) {
            a.add(s);
        } else {
            a.add(node());
        }
        return a;
    }

    private static void refused(Class<?> type, ObjectNode row) {
        try {
            Object read = read(type, row);
            throw new AssertionError("a forged " + type.getSimpleName() + " was read: " + read);
        } catch (Exception expected) {
            assertNull(System.getProperty("choreo.test.tripwire"), "the named class was loaded");
        }
    }

    @Test
    void forgedClassNamesInMessagesAndJournalRowsAreRefusedUnloaded() throws Exception {
        ObjectNode finished = node().put("participant", "A").put("untraced", 0);
        finished.set("result", typed("String@" + PayloadTypeIds.VERSION, "sold"));
        assertEquals(new SessionActor.RoleFinished("A", "sold"), read(SessionActor.RoleFinished.class, finished),
                "a declared id is read");

        finished.set("result", typed(TRIPWIRE, null));
        refused(SessionActor.RoleFinished.class, finished);
        ObjectNode oldRow = node().put("participant", "A");   // a journal row of before: {"@class": name, …}
        oldRow.set("result", node().put("@class", TRIPWIRE));
        refused(SessionEvent.ParticipantFinished.class, oldRow);
        ObjectNode event = node().put("participant", "A");
        event.set("result", typed(TRIPWIRE, null));
        refused(SessionEvent.ParticipantFinished.class, event);

        ObjectNode start = node();
        start.set("peers", node().put("type", TRIPWIRE));
        refused(RoleActor.Start.class, start);
        start.set("peers", node().put("@class", TRIPWIRE));
        refused(RoleActor.Start.class, start);

        ObjectNode completed = node().put("type", "SessionCompleted").put("sessionId", "s").put("protocol", "P")
                .put("traceOmitted", 0);
        completed.set("results", node().set("A", typed(TRIPWIRE, null)));
        completed.set("trace", new CBORMapper().createArrayNode());
        refused(SessionOutcome.class, completed);
    }
}

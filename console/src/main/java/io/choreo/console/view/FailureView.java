package io.choreo.console.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.choreo.runtime.session.SessionError;
import java.util.Map;

/** A session's failure: the cause's type ({@code BudgetExhausted}), its one-line description and its fields. */
public record FailureView(String type, String description, Map<String, Object> fields) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static FailureView of(SessionError e) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = JSON.convertValue(e, Map.class);
        fields.remove("type");
        return new FailureView(e.getClass().getSimpleName(), e.describe(), fields);
    }
}

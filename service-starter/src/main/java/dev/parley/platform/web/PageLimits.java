package dev.parley.platform.web;

import java.math.BigInteger;
import org.springframework.beans.propertyeditors.CustomNumberEditor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * The {@code limit} of every list (contract §2): a value above the maximum is clamped to it, however large. A
 * limit of digits too large for an {@code int} binds as {@link Integer#MAX_VALUE}, which the endpoint then clamps
 * to its maximum like any other large limit; it was a wrong type (400). Anything else binds as before: zero and
 * negatives are refused by the endpoint ({@code @Min(1)}, {@code @Positive}), non-numbers by the binder.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ControllerAdvice
public class PageLimits {

    /** The page size of a list asked without a {@code limit}, as a request parameter's default. */
    public static final String DEFAULT_LIMIT = "50";
    /** The largest page size: a larger {@code limit} is clamped to it, not refused. */
    public static final int MAX_LIMIT = 100;
    /** {@link #MAX_LIMIT} as a properties default. */
    public static final String MAX_LIMIT_TEXT = "" + MAX_LIMIT;

    private static final BigInteger LARGEST = BigInteger.valueOf(Integer.MAX_VALUE);

    /** The page size a (positive) {@code limit} asks for. */
    public static int clamp(int limit) {
        return Math.min(limit, MAX_LIMIT);
    }

    @InitBinder("limit")
    void clampLimitsBeyondAnInt(WebDataBinder binder) {
        binder.registerCustomEditor(int.class, new LimitEditor());
        binder.registerCustomEditor(Integer.class, new LimitEditor());
    }

    /** Reads a {@code limit}: digits beyond the {@code int} range as {@link Integer#MAX_VALUE}. */
    static final class LimitEditor extends CustomNumberEditor {

        LimitEditor() {
            super(Integer.class, true);
        }

        @Override
        public void setAsText(String text) {
            String trimmed = text == null ? "" : text.trim();
            if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')
                    && new BigInteger(trimmed).compareTo(LARGEST) > 0) {
                setValue(Integer.MAX_VALUE);
            } else {
                super.setAsText(text);
            }
        }
    }
}

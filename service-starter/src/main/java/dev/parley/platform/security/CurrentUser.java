package dev.parley.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller parameter for the caller of a request, from its access token: a {@code UUID} (the subject,
 * their user id) or a {@link Caller}. A token whose subject is not a user id is answered 401 {@code unauthorized}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CurrentUser {
}

package dev.parley.message.search;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.parley.message.sending.MessageView;

/**
 * A message that matched, as the contract's Message plus {@code highlight}: its body with every match wrapped
 * in U+0002 … U+0003, so that a client escapes the text first and styles the matches after.
 */
public record SearchHit(@JsonUnwrapped MessageView message, String highlight) {

    public static final char MATCH_START = '\u0002';
    public static final char MATCH_END = '\u0003';
}

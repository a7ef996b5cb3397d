package org.helmupgradebot.upgrade.manager;

import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** File text plus the mapping from SnakeYAML marks (code point indexes) to Java char indexes. */
final class SourceText {

    /** Where a scalar's value sits in the text, or why it cannot be edited in place. */
    record ScalarSpan(int start, int end, Optional<String> problem) {}

    private final String text;
    /** Char index of each code point index, or null when the text has no surrogate pairs. */
    private final int[] charIndexOfCodePoint;

    SourceText(String text) {
        this.text = text;
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            charIndexOfCodePoint = null;
        } else {
            charIndexOfCodePoint = new int[codePoints + 1];
            int c = 0;
            for (int cp = 0; cp < codePoints; cp++) {
                charIndexOfCodePoint[cp] = c;
                c += Character.charCount(text.codePointAt(c));
            }
            charIndexOfCodePoint[codePoints] = c;
        }
    }

    String text() {
        return text;
    }

    /** The char index for a mark; SnakeYAML counts code points, a BOM included, so non-BMP characters shift it. */
    int charIndex(Mark mark) {
        int cp = mark.getIndex();
        return charIndexOfCodePoint == null ? cp : charIndexOfCodePoint[cp];
    }

    /**
     * The span of a scalar's value inside any quotes. The start mark of a node can include an anchor or a
     * tag, so the span is measured back from the end mark and then checked against the text.
     *
     * @param keyEnd end of the key this scalar is the value of: a value node that starts before it is an alias
     */
    ScalarSpan span(ScalarNode node, Mark keyEnd) {
        int rawStart = charIndex(node.getStartMark());
        int rawEnd = charIndex(node.getEndMark());
        String value = node.getValue();
        if (keyEnd != null && node.getStartMark().getIndex() < keyEnd.getIndex()) {
            return new ScalarSpan(rawStart, rawEnd, Optional.of("the value comes from a YAML alias"));
        }
        ScalarStyle style = node.getScalarStyle();
        int contentEnd;
        char quote = 0;
        if (style == ScalarStyle.PLAIN) {
            contentEnd = rawEnd;
        } else if (style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED) {
            quote = style == ScalarStyle.DOUBLE_QUOTED ? '"' : '\'';
            contentEnd = rawEnd - 1;
        } else {
            return new ScalarSpan(rawStart, rawEnd, Optional.of("the value is a block scalar (| or >)"));
        }
        int contentStart = contentEnd - value.length();
        boolean exact = contentStart >= rawStart
                && text.startsWith(value, contentStart)
                && (quote == 0 || (text.charAt(contentStart - 1) == quote && text.charAt(contentEnd) == quote));
        if (!exact) {
            return new ScalarSpan(rawStart, rawEnd,
                    Optional.of("the value is written with escapes or over several lines"));
        }
        return new ScalarSpan(contentStart, contentEnd, Optional.empty());
    }
}

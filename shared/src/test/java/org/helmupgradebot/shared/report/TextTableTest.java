package org.helmupgradebot.shared.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void alignsColumnsToTheWidestCellWithoutTrailingBlanks() {
        String text = new TextTable("NAME", "VERSION", "ACTION")
                .row("binderhub", "1.0.0", "bump")
                .row("x", "10.20.30-rc.1", "")
                .toText();
        assertEquals("""
                NAME       VERSION        ACTION
                binderhub  1.0.0          bump
                x          10.20.30-rc.1
                """, text);
    }

    @Test
    void rightAlignedColumnsPadOnTheLeftInTextAndSayHowInMarkdown() {
        TextTable t = new TextTable("repo", "size", "why").alignRight(1).row("a", "5 B", "old").row("bb", "10 KiB", "x");
        assertEquals("""
                repo    size  why
                a        5 B  old
                bb    10 KiB  x
                """, t.toText());
        assertEquals("| repo | size | why |\n| --- | ---: | --- |\n| a | 5 B | old |\n| bb | 10 KiB | x |\n", t.toMarkdown());
    }

    @Test
    void markdownEscapesPipes() {
        String md = new TextTable("a", "b").row("x|y", "z").toMarkdown();
        assertEquals("| a | b |\n| --- | --- |\n| x\\|y | z |\n", md);
    }

    @Test
    void refusesRowsWiderThanTheHeader() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("a").row("1", "2"));
    }
}

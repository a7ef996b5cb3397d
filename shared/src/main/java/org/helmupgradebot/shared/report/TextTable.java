package org.helmupgradebot.shared.report;

import java.util.ArrayList;
import java.util.List;

/** A small table rendered as aligned plain text or as Markdown, for reports of both jobs. */
public final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final java.util.Set<Integer> rightAligned = new java.util.HashSet<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row; missing cells render empty, extra cells are an error. */
    public TextTable row(String... cells) {
        if (cells.length > headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size());
        }
        List<String> row = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            row.add(i < cells.length && cells[i] != null ? cells[i] : "");
        }
        rows.add(row);
        return this;
    }

    /** Aligns these columns (0-based) to the right, as numbers read best. */
    public TextTable alignRight(int... columns) {
        for (int c : columns) {
            rightAligned.add(c);
        }
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** Columns padded to their widest cell, separated by two spaces; no trailing blanks. */
    public String toText() {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendText(out, headers, width);
        for (List<String> row : rows) {
            appendText(out, row, width);
        }
        return out.toString();
    }

    /** A GitHub-flavoured Markdown table; pipes in cells are escaped. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        appendMarkdown(out, headers);
        out.append('|');
        for (int i = 0; i < headers.size(); i++) {
            out.append(rightAligned.contains(i) ? " ---: |" : " --- |");
        }
        out.append('\n');
        rows.forEach(row -> appendMarkdown(out, row));
        return out.toString();
    }

    private void appendText(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(width[i] - cells.get(i).length());
            if (rightAligned.contains(i)) {
                line.append(pad).append(cells.get(i));
            } else {
                line.append(cells.get(i));
                if (i < cells.size() - 1) {
                    line.append(pad);
                }
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static void appendMarkdown(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String c : cells) {
            out.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        out.append('\n');
    }
}

package org.helmupgradebot.upgrade.plan;

import java.util.ArrayList;
import java.util.List;
import org.helmupgradebot.upgrade.config.Target;
import org.helmupgradebot.upgrade.files.TargetFiles;
import org.helmupgradebot.upgrade.manager.ChartDependencies;
import org.helmupgradebot.upgrade.manager.ImageTags;
import org.helmupgradebot.upgrade.manager.PinExtractor;

/** Reads a target's configured files and extracts their pins. */
public final class TargetReader {
    private TargetReader() {}

    /**
     * @throws org.helmupgradebot.upgrade.files.FileReadException when a file is missing or unreadable
     * @throws org.helmupgradebot.upgrade.manager.ExtractionException when a file is not valid
     */
    public static List<PinnedFile> read(Target target, TargetFiles files) {
        List<PinnedFile> out = new ArrayList<>();
        for (String path : target.chartFiles()) {
            out.add(read(files, path, ChartDependencies::extract));
        }
        for (Target.ImageFile image : target.imageFiles()) {
            out.add(read(files, image.file(),
                    image.discover() ? ImageTags.discovering(image.exclude()) : ImageTags.extractor(image.paths())));
        }
        return out;
    }

    private static PinnedFile read(TargetFiles files, String path, PinExtractor extractor) {
        String text = files.read(path);
        return new PinnedFile(path, text, extractor.extract(path, text), extractor);
    }
}

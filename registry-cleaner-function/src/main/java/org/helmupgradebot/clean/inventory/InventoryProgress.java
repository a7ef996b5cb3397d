package org.helmupgradebot.clean.inventory;

/** Hears how far an inventory has got; called from the collector's workers, so implementations are thread-safe. */
public interface InventoryProgress {
    /** The walk starts over this many repositories (those in scope). */
    void started(int repositories);

    /** One repository is done (read or skipped) with this many manifests. */
    void repositoryDone(int manifests);

    /** The walk is over. */
    void finished();

    /** Hears nothing. */
    InventoryProgress NONE = new InventoryProgress() {
        @Override
        public void started(int repositories) {}

        @Override
        public void repositoryDone(int manifests) {}

        @Override
        public void finished() {}
    };
}

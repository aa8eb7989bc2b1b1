package io.twinbridge.gateway.dlq;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Count, rate and ETA of a run over a known number of records, rendered as a terminal bar or as a plain log line.
 * The clock is a {@code nanoTime}-style supplier so that tests can fix it.
 */
public final class ProgressMeter {
    private final long total;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final long lineEveryRecords;
    private final long lineEveryNanos;
    private long lastLineDone;
    private long lastLineNanos;

    /**
     * @param lineEveryRecords a plain line is due after this many more records...
     * @param lineEvery        ...or after this much time, whichever comes first
     */
    public ProgressMeter(long total, LongSupplier nanoTime, long lineEveryRecords, Duration lineEvery) {
        this.total = Math.max(0, total);
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.lineEveryRecords = Math.max(1, lineEveryRecords);
        this.lineEveryNanos = lineEvery.toNanos();
        this.lastLineNanos = startNanos;
    }

    /** Records per second since the start; 0 before any time has passed. */
    public double rate(long done) {
        long elapsed = nanoTime.getAsLong() - startNanos;
        return elapsed <= 0 ? 0 : done * 1e9 / elapsed;
    }

    /** {@code [########------------]  40/100  40%  12.5/s  ETA 0:05}, for a terminal line redrawn with {@code \r}. */
    public String bar(long done, int width) {
        int filled = total == 0 ? width : (int) Math.min(width, done * width / total);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]  " + done + "/" + total + "  " + percent(done)
                + "%  " + String.format(Locale.ROOT, "%.1f/s", rate(done)) + "  ETA " + eta(done);
    }

    /** {@code 40/100 records (40%), 12.5 records/s, ETA 0:05}, for logs and pipes. */
    public String line(long done) {
        return done + "/" + total + " records (" + percent(done) + "%), "
                + String.format(Locale.ROOT, "%.1f records/s", rate(done)) + ", ETA " + eta(done);
    }

    /** True when a plain line is due: enough records or enough time since the last due line. Marks it printed. */
    public boolean lineDue(long done) {
        long now = nanoTime.getAsLong();
        if (done - lastLineDone >= lineEveryRecords || now - lastLineNanos >= lineEveryNanos) {
            lastLineDone = done;
            lastLineNanos = now;
            return true;
        }
        return false;
    }

    /** {@code m:ss} (or {@code h:mm:ss}) left at the current rate; {@code --:--} before there is a rate. */
    String eta(long done) {
        double rate = rate(done);
        if (done >= total) {
            return "0:00";
        }
        if (rate <= 0) {
            return "--:--";
        }
        long seconds = (long) Math.ceil((total - done) / rate);
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    private long percent(long done) {
        return total == 0 ? 100 : Math.min(100, done * 100 / total);
    }
}

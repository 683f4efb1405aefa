package io.tickloop.lessons;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Lesson 7: under packet loss TCP holds every byte behind a lost segment until it is sent again (head-of-line
 * blocking), while each UDP datagram arrives or not on its own. The experiment ({@link HeadOfLineProbe}) needs a
 * network of its own to lose packets in: it runs in a child JVM inside a new network namespace ({@code unshare})
 * whose loopback drops {@link #LOSS_PERCENT}% of packets (nftables, input hook). Without root (or unprivileged user
 * namespaces), {@code ip} or {@code nft} it says what is missing and measures nothing.
 */
public final class HeadOfLineLesson implements Lesson
{
    /**
     * The share of the loopback's packets dropped. Most losses are repaired within a few milliseconds by fast
     * retransmit (the SACKs of the segments after the hole announce it); the retransmission timer (at least 200 ms)
     * fires when a repair is lost too, which at 2% happened in about 5 runs of 6 (measured: in the sixth, TCP's p99
     * was 1.2 ms); at 5% every run has several.
     */
    public static final int LOSS_PERCENT = 5;
    private static final long TIMEOUT_S = 90;

    @Override
    public int number()
    {
        return 7;
    }

    @Override
    public String title()
    {
        return "Under loss, TCP waits for what was lost; UDP does not";
    }

    @Override
    public String claim()
    {
        return "a lost TCP segment delays every byte after it until it is retransmitted; a lost datagram is just gone.";
    }

    @Override
    public Result run() throws IOException, InterruptedException
    {
        final String missing = missingTools();
        if (null != missing)
        {
            return new Result(null, null, missing);
        }
        final String java = ProcessHandle.current().info().command().orElse("java");
        final String inner = "ip link set lo up && nft add table inet lesson7 && " +
            "nft add chain inet lesson7 input '{ type filter hook input priority 0; policy accept; }' && " +
            "nft add rule inet lesson7 input iifname lo numgen random mod 100 '<' " + LOSS_PERCENT + " drop && " +
            "exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' " +
            HeadOfLineProbe.class.getName();
        final List<String> command = new ArrayList<>(namespace());
        command.addAll(List.of("bash", "-c", inner));
        final Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            final String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!probe.waitFor(TIMEOUT_S, TimeUnit.SECONDS) || probe.exitValue() != 0)
            {
                throw new IOException("the probe failed: " + output.trim());
            }
            return new Result(Transport.parse(output, "tcp"), Transport.parse(output, "udp"), null);
        }
        finally
        {
            probe.destroyForcibly();
        }
    }

    private static List<String> namespace()
    {
        return "root".equals(System.getProperty("user.name")) ? List.of("unshare", "--net") :
            List.of("unshare", "--user", "--map-root-user", "--net");
    }

    /**
     * @return what is missing to run the experiment, or null when nothing is.
     */
    static String missingTools()
    {
        if (!succeeds(List.of("nft", "--version")))
        {
            return "no nftables ('nft'): apt-get install nftables";
        }
        if (!succeeds(List.of("ip", "-V")))
        {
            return "no 'ip': apt-get install iproute2";
        }
        final List<String> probe = new ArrayList<>(namespace());
        probe.add("true");
        return succeeds(probe) ? null : "no network namespace for this user: run as root, or allow unprivileged " +
            "user namespaces (sysctl kernel.unprivileged_userns_clone=1)";
    }

    private static boolean succeeds(final List<String> command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (final IOException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * What one transport delivered: messages sent and received, and the delay from each one's send time to its
     * arrival, in microseconds.
     */
    public record Transport(int sent, long received, long p50Us, long p99Us, long p999Us, long maxUs)
    {
        static Transport parse(final String output, final String name) throws IOException
        {
            for (final String line : output.split("\n"))
            {
                final String[] fields = line.trim().split(" ");
                if (fields.length == 7 && fields[0].equals(name))
                {
                    return new Transport(Integer.parseInt(fields[1]), Long.parseLong(fields[2]),
                        Long.parseLong(fields[3]), Long.parseLong(fields[4]), Long.parseLong(fields[5]),
                        Long.parseLong(fields[6]));
                }
            }
            throw new IOException("no " + name + " line in the probe's output: " + output.trim());
        }

        String describe()
        {
            return String.format(Locale.ROOT, "%d of %d arrived; delay p50 %.2f ms, p99 %.2f ms, " +
                "p99.9 %.2f ms, max %.2f ms", received, sent, p50Us / 1e3, p99Us / 1e3, p999Us / 1e3, maxUs / 1e3);
        }
    }

    /**
     * What lesson 7 measured.
     *
     * @param tcp the TCP stream, or null when skipped.
     * @param udp the datagrams, or null when skipped.
     * @param skipped why nothing was measured, or null.
     */
    public record Result(Transport tcp, Transport udp, String skipped) implements LessonResult
    {
        @Override
        public List<String> findings()
        {
            if (null != skipped)
            {
                return List.of("skipped: " + skipped);
            }
            return List.of(
                HeadOfLineProbe.MESSAGES + " messages of " + HeadOfLineProbe.MESSAGE_BYTES + " B, one every " +
                    HeadOfLineProbe.INTERVAL_US / 1000 + " ms, with " + LOSS_PERCENT + "% of loopback packets dropped",
                "TCP: " + tcp.describe(),
                "UDP: " + udp.describe(),
                "TCP lost nothing and made the messages behind each loss wait for its repair: a few ms by fast " +
                    "retransmit, 200 ms or more when the repair was lost too and the retransmission timer fired; " +
                    "UDP lost about " + LOSS_PERCENT + "% and delayed nothing, so a game repeats its inputs and " +
                    "lets a newer snapshot replace a lost one");
        }
    }
}

package io.tickloop.loadgen.lab;

import io.tickloop.loadgen.compare.ServerProcess;
import io.tickloop.loadgen.compare.TickloopHome;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Packet loss on loopback, for {@code --loss}. {@code bin/tickloop} runs the command in a network namespace made
 * for it (its own loopback, up; {@link #ENV} set), so nothing outside is touched; here a server is started in that
 * namespace and an nftables rule on the loopback's input hook drops a share of every packet at random. Input,
 * not output: a drop on the output hook hands the sender an error ({@code EPERM}) instead of a silent loss.
 * Both directions pass the input hook, so each way loses the share.
 */
public final class LossLab implements AutoCloseable
{
    /** Set by {@code bin/tickloop} in the namespace it made. */
    public static final String ENV = "TICKLOOP_LOSS_LAB";
    private static final String TABLE = "tickloop_loss";
    private static final long START_TIMEOUT_MS = 30_000;
    private static final long NFT_TIMEOUT_MS = 10_000;

    private final ServerProcess server;
    private final InetSocketAddress target;

    private LossLab(final ServerProcess server, final InetSocketAddress target)
    {
        this.server = server;
        this.target = target;
    }

    /**
     * @return true inside the namespace {@code bin/tickloop} made for {@code --loss}.
     */
    public static boolean isInside()
    {
        return null != System.getenv(ENV);
    }

    /**
     * Start a {@code selector} server in the lab, wait until it listens, then drop {@code lossPercent}% of
     * packets.
     *
     * @param service the server's service: {@code ping}, or {@code game} (with a UDP port).
     * @param webSocket also open the server's {@code --ws-port}, and make it the {@link #target()}.
     * @param lossPercent 0..100.
     * @param log where the server's output goes.
     * @return the lab, its server running.
     * @throws IOException when the server does not start or nftables refuses the rule.
     */
    public static LossLab start(final String service, final boolean webSocket, final int lossPercent, final Path log)
        throws IOException
    {
        if (!isInside())
        {
            throw new IllegalStateException("not in a loss lab's network namespace");
        }
        final InetSocketAddress target = new InetSocketAddress("127.0.0.1", ServerProcess.freePort());
        final List<String> args = new ArrayList<>(List.of("--model", "selector", "--service", service,
            "--port", Integer.toString(target.getPort())));
        if ("game".equals(service))
        {
            args.addAll(List.of("--udp-port", "0"));
        }
        final InetSocketAddress webSocketTarget = webSocket ?
            new InetSocketAddress("127.0.0.1", ServerProcess.freePort()) : null;
        if (webSocket)
        {
            args.addAll(List.of("--ws-port", Integer.toString(webSocketTarget.getPort())));
        }
        final ServerProcess server = ServerProcess.start(TickloopHome.serverJar(), List.of(), args, log);
        try
        {
            server.awaitListening(target, START_TIMEOUT_MS);
            if (webSocket)
            {
                server.awaitListening(webSocketTarget, START_TIMEOUT_MS);
            }
            dropShare(lossPercent);
        }
        catch (final IOException | RuntimeException ex)
        {
            server.close();
            throw ex;
        }
        return new LossLab(server, webSocket ? webSocketTarget : target);
    }

    /**
     * @return the lab's server.
     */
    public InetSocketAddress target()
    {
        return target;
    }

    /**
     * Drop this share of the loopback's packets from now on (0: none).
     *
     * @param lossPercent 0..100.
     * @throws IOException when nftables refuses.
     */
    public static void dropShare(final int lossPercent) throws IOException
    {
        nft("add", "table", "inet", TABLE);
        nft("add", "chain", "inet", TABLE, "input", "{ type filter hook input priority 0; policy accept; }");
        nft("flush", "chain", "inet", TABLE, "input");
        if (lossPercent > 0)
        {
            nft("add", "rule", "inet", TABLE, "input", "iifname", "lo", "numgen", "random", "mod", "100", "<",
                Integer.toString(lossPercent), "drop");
        }
    }

    /**
     * Stop dropping, then stop the server.
     */
    @Override
    public void close() throws IOException
    {
        try
        {
            dropShare(0); // the server's goodbye and the load's last replies go through
        }
        finally
        {
            server.close();
        }
    }

    private static void nft(final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of("nft"));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try
        {
            if (!process.waitFor(NFT_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                throw new IOException("nft did not finish: " + String.join(" ", command));
            }
            final String output = new String(process.getInputStream().readAllBytes()).trim();
            if (process.exitValue() != 0)
            {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted running nft", ex);
        }
    }
}

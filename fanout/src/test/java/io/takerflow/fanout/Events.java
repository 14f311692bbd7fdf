package io.takerflow.fanout;

import java.util.ArrayList;
import java.util.List;

/**
 * Records stream events as short strings, in order.
 */
final class Events implements StreamEvents
{
    final List<String> seen = new ArrayList<>();

    @Override
    public void onJoin(final int sessionId, final boolean late)
    {
        seen.add("join " + sessionId + (late ? " late" : ""));
    }

    @Override
    public void onPublisherRestart(final int previousSessionId, final int sessionId)
    {
        seen.add("restart " + previousSessionId + " -> " + sessionId);
    }

    @Override
    public void onLive(final long position)
    {
        seen.add("live");
    }
}

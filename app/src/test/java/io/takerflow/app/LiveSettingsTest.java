package io.takerflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.takerflow.journal.JournalSettings;

/**
 * The settings table ({@link LiveSettings}) against the README and the parser: every setting is documented, and
 * the parser takes what the README promises.
 */
final class LiveSettingsTest
{
    private static final String BASE = String.join("\n",
        "venue.binance-usdm.symbols = BTCUSDT",
        "market.BTC.flow = binance-usdm:BTCUSDT");

    @Test
    void theReadmeListsEverySetting() throws IOException
    {
        final String readme = readme();
        final List<String> missing = new ArrayList<>();
        for (final LiveSettings.Setting<LiveConfig> setting : LiveSettings.RUN)
        {
            if (!Pattern.compile("(?m)^" + Pattern.quote(setting.name()) + "\\s*=").matcher(readme).find())
            {
                missing.add(setting.name());
            }
        }
        for (final LiveSettings.Setting<LiveSettings.MarketTarget> setting : LiveSettings.MARKET)
        {
            if (!Pattern.compile("\\b" + Pattern.quote(setting.name()) + "\\b").matcher(readme).find())
            {
                missing.add("market.<NAME>." + setting.name());
            }
        }
        for (final LiveSettings.Setting<LiveConfig> setting : LiveSettings.PUBLISH)
        {
            if (!Pattern.compile("(?m)^\\| `" + Pattern.quote(setting.name()) + "` \\|").matcher(readme).find())
            {
                missing.add(setting.name());
            }
        }
        assertThat(missing).as("settings the README's Live section does not list").isEmpty();
    }

    @Test
    void retainCyclesZeroKeepsEverythingAsTheReadmeSays() throws IOException
    {
        assertThat(readme()).containsPattern("(?m)^journal\\.retainCycles = \\d+ +# 0 keeps everything");
        final LiveConfig config = parse("journal.retainCycles = 0");
        assertThat(config.retainCycles).isZero();
        assertThat(new JournalSettings(Path.of("j"), JournalSettings.rollCycle(config.rollCycle),
            config.retainCycles).retainCycles()).isZero();
        assertThatThrownBy(() -> parse("journal.retainCycles = -1"))
            .hasMessage("test: journal.retainCycles: '-1' is not a whole number >= 0");
    }

    @Test
    void aBadValueIsRefusedNamingTheSettingOnce()
    {
        assertThatThrownBy(() -> parse("engine.tickInterval = soon"))
            .hasMessage("test: engine.tickInterval: 'soon' is not a duration (use e.g. 500ms, 10s, 1m, 1h, 7d)");
        assertThatThrownBy(() -> parse("market.BTC.sellersExitZ = low"))
            .hasMessage("test: market.BTC.sellersExitZ: 'low' is not a number");
        assertThatThrownBy(() -> parse("market.BTC.historyCapacity = 0"))
            .hasMessage("test: market.BTC.historyCapacity: '0' is not a positive whole number");
    }

    @Test
    void everyThresholdReachesItsOwnComponent()
    {
        final String[] names = {"sellersEnterZ", "sellersExitZ", "buyersEnterZ", "buyersExitZ",
            "absentEnterPct", "absentExitPct", "presentEnterPct", "presentExitPct"};
        final double[] values = {-3.5, -0.75, 3.25, 0.625, -0.5, -0.125, 0.5, 0.25};
        final String[] lines = new String[names.length];
        for (int i = 0; i < names.length; i++)
        {
            lines[i] = "market.BTC." + names[i] + " = " + values[i];
        }
        final var thresholds = parse(lines).markets.get(0).thresholds();
        assertThat(new double[] {thresholds.sellersEnterZ(), thresholds.sellersExitZ(), thresholds.buyersEnterZ(),
            thresholds.buyersExitZ(), thresholds.absentEnterPct(), thresholds.absentExitPct(),
            thresholds.presentEnterPct(), thresholds.presentExitPct()}).containsExactly(values);
    }

    private static LiveConfig parse(final String... lines)
    {
        final Properties properties = new Properties();
        try
        {
            properties.load(new StringReader(BASE + "\n" + String.join("\n", lines)));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        return LiveConfig.parse(properties, "test");
    }

    private static String readme() throws IOException
    {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("README.md")))
        {
            dir = dir.getParent();
        }
        assertThat(dir).as("README.md above " + Path.of("").toAbsolutePath()).isNotNull();
        return Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
    }
}

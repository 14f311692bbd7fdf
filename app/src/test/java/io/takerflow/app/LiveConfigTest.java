package io.takerflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;

import io.takerflow.engine.input.Instrument;
import io.takerflow.engine.input.SizeConvention;
import io.takerflow.engine.input.Venue;
import io.takerflow.engine.WaitStrategyKind;
import io.takerflow.engine.signal.MarketConfig;

/**
 * The live configuration file: defaults, every kind of setting, and bad settings named at start-up.
 */
final class LiveConfigTest
{
    @Test
    void theDefaultsAreBinanceUsdmFlowAndTheCoinbasePremiumAgainstBinanceSpot()
    {
        final LiveConfig config = LiveConfig.defaults();
        assertThat(config.venues.keySet()).containsExactlyInAnyOrder(Venue.BINANCE_USDM, Venue.BINANCE_SPOT,
            Venue.COINBASE);
        final MarketConfig btc = config.markets.get(0);
        assertThat(btc.name()).isEqualTo("BTC");
        assertThat(config.instruments.get(btc.flowInstruments()[0]).venue()).isEqualTo(Venue.BINANCE_USDM);
        assertThat(config.instruments.get(btc.premiumInstrument()).symbol()).isEqualTo("BTC-USD");
        assertThat(config.instruments.get(btc.referenceInstrument()).venue()).isEqualTo(Venue.BINANCE_SPOT);
        assertThat(btc.windowNs()).isEqualTo(TimeUnit.HOURS.toNanos(1));
        assertThat(btc.historyCapacity()).isEqualTo(2160);
        assertThat(config.waitStrategy).as("unset: the engine's own default (yielding) applies").isNull();
    }

    @Test
    void everySettingIsRead() throws IOException
    {
        final LiveConfig config = parse(
            "venue.binance-usdm.symbols = BTCUSDT",
            "venue.okx.symbols = BTC-USDT-SWAP",
            "venue.okx.url = wss://ws.okx.com:8443/ws/v5/public",
            "instrument.okx.BTC-USDT-SWAP.multiplier = 0.01",
            "venue.coinbase.symbols = BTC-USD",
            "venue.binance-spot.symbols = BTCUSDT",
            "market.BTC.flow = binance-usdm:BTCUSDT, okx:BTC-USDT-SWAP",
            "market.BTC.premium = coinbase:BTC-USD",
            "market.BTC.reference = binance-spot:BTCUSDT",
            "market.BTC.window = 30m",
            "market.BTC.bucket = 30s",
            "market.BTC.sellersEnterZ = -2",
            "market.BTC.minWindowTrades = 500",
            "market.BTC.minWindowVolume = 2.5",
            "market.BTC.recoveryFailZ = -1.2",
            "market.BTC.recoveryMaxAge = 3h",
            "market.BTC.minRegimeDwell = 0s",
            "engine.waitStrategy = busy-spin",
            "engine.ringSize = 1024",
            "journal.rollCycle = hourly",
            "journal.retainCycles = 48",
            "feeds.staleAfter = 5s");
        final MarketConfig btc = config.markets.get(0);
        assertThat(btc.minWindowTrades()).isEqualTo(500);
        assertThat(btc.minWindowVolume()).isEqualTo(2.5);
        assertThat(btc.recoveryFailZ()).isEqualTo(-1.2);
        assertThat(btc.recoveryMaxAgeNs()).isEqualTo(TimeUnit.HOURS.toNanos(3));
        assertThat(btc.minRegimeDwellNs()).isZero();
        assertThat(btc.flowInstruments()).hasSize(2);
        assertThat(config.instruments.get(btc.flowInstruments()[1]).contractMultiplier()).isEqualTo(0.01);
        assertThat(btc.windowNs()).isEqualTo(TimeUnit.MINUTES.toNanos(30));
        assertThat(btc.bucketNs()).isEqualTo(TimeUnit.SECONDS.toNanos(30));
        assertThat(btc.thresholds().sellersEnterZ()).isEqualTo(-2.0);
        assertThat(config.waitStrategy).isEqualTo(WaitStrategyKind.BUSY_SPIN);
        assertThat(config.ringSize).isEqualTo(1024);
        assertThat(config.rollCycle).isEqualTo("hourly");
        assertThat(config.retainCycles).isEqualTo(48);
        assertThat(config.staleAfterNs).isEqualTo(TimeUnit.SECONDS.toNanos(5));
        assertThat(config.venues.get(Venue.OKX).url().toString()).isEqualTo("wss://ws.okx.com:8443/ws/v5/public");
    }

    @Test
    void badSettingsFailNamingTheSetting()
    {
        assertBad("venue.binance-usdm.url", "venue.binance-usdm.symbols = BTCUSDT",
            "venue.binance-usdm.url = ws://fstream.binance.com/market/stream",
            "market.BTC.flow = binance-usdm:BTCUSDT");
        assertBad("instrument.okx.BTC-USDT-SWAP.multiplier", "venue.okx.symbols = BTC-USDT-SWAP",
            "market.BTC.flow = okx:BTC-USDT-SWAP");
        assertBad("instrument.deribit.BTC-PERPETUAL.contractValue", "venue.deribit.symbols = BTC-PERPETUAL",
            "market.BTC.flow = deribit:BTC-PERPETUAL");
        assertBad("instrument.deribit.BTC-PERPETUAL.multiplier", "venue.deribit.symbols = BTC-PERPETUAL",
            "instrument.deribit.BTC-PERPETUAL.multiplier = 1", "market.BTC.flow = deribit:BTC-PERPETUAL");
        assertBad("instrument.deribit.BTC-PERPETUAL.contractValue", "venue.deribit.symbols = BTC-PERPETUAL",
            "instrument.deribit.BTC-PERPETUAL.contractValue = 0", "market.BTC.flow = deribit:BTC-PERPETUAL");
        assertBad("instrument.bitmex.XBTUSD.contractValue", "venue.bitmex.symbols = XBTUSD",
            "market.BTC.flow = bitmex:XBTUSD");
        assertBad("instrument.kraken-futures.PI_XBTUSD.contractValue", "venue.kraken-futures.symbols = PI_XBTUSD",
            "market.BTC.flow = kraken-futures:PI_XBTUSD");
        assertBad("instrument.gate-futures.BTC_USDT.multiplier", "venue.gate-futures.symbols = BTC_USDT",
            "market.BTC.flow = gate-futures:BTC_USDT");
        assertBad("instrument.gate-futures.BTC_USDT.multiplier", "venue.gate-futures.symbols = BTC_USDT",
            "instrument.gate-futures.BTC_USDT.contractValue = 1", "market.BTC.flow = gate-futures:BTC_USDT");
        assertBad("market.BTC.flow", "venue.binance-usdm.symbols = BTCUSDT", "market.BTC.flow = binance-usdm:ETHUSDT");
        assertBad("market.BTC.reference", "venue.binance-usdm.symbols = BTCUSDT", "venue.coinbase.symbols = BTC-USD",
            "market.BTC.flow = binance-usdm:BTCUSDT", "market.BTC.premium = coinbase:BTC-USD");
        assertBad("engine.waitStrategy", "venue.binance-usdm.symbols = BTCUSDT",
            "market.BTC.flow = binance-usdm:BTCUSDT", "engine.waitStrategy = sleepy");
        assertBad("journal.rollCycle", "venue.binance-usdm.symbols = BTCUSDT", "market.BTC.flow = binance-usdm:BTCUSDT",
            "journal.rollCycle = fortnightly");
        assertBad("feeds.colour", "venue.binance-usdm.symbols = BTCUSDT", "market.BTC.flow = binance-usdm:BTCUSDT",
            "feeds.colour = blue");
        assertBad("venue.kraken", "venue.kraken.symbols = XBTUSD", "market.BTC.flow = kraken:XBTUSD");
        assertBad("no market", "venue.binance-usdm.symbols = BTCUSDT");
    }

    @Test
    void aTrustStoreAddsAPrivateAuthorityToTheJdkDefaultAnchorsOrIsNamedWhenItCannotBeLoaded() throws Exception
    {
        final X509Bundle authority = new CertificateBuilder().subject("CN=takerflow test CA")
            .setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        final KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("corp-ca", authority.getCertificate());
        final Path file = Files.createTempFile("corp-ca", ".p12");
        try (OutputStream out = Files.newOutputStream(file))
        {
            store.store(out, "changeit".toCharArray());
        }
        try
        {
            final LiveConfig config = parse("venue.binance-usdm.symbols = BTCUSDT",
                "market.BTC.flow = binance-usdm:BTCUSDT", "feeds.trustStore = " + file,
                "feeds.trustStorePassword = changeit");
            final TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore)null);
            final X509Certificate[] jdkAnchors = ((X509TrustManager)jdk.getTrustManagers()[0]).getAcceptedIssuers();
            assertThat(jdkAnchors).isNotEmpty();
            final X509TrustManager trust = (X509TrustManager)config.trust.getTrustManagers()[0];
            assertThat(Arrays.asList(trust.getAcceptedIssuers())).as("JDK anchors kept, private CA added")
                .containsAll(Arrays.asList(jdkAnchors)).contains(authority.getCertificate());
            final X509Bundle leaf = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost").ecp256()
                .buildIssuedBy(authority);
            trust.checkServerTrusted(leaf.getCertificatePath(), "ECDHE_ECDSA");
        }
        finally
        {
            Files.deleteIfExists(file);
        }
        assertBad("feeds.trustStore", "venue.binance-usdm.symbols = BTCUSDT", "market.BTC.flow = binance-usdm:BTCUSDT",
            "feeds.trustStore = /no/such/store.p12");
    }

    @Test
    void symbolsInAnotherCaseAreNormalizedToTheVenuesSpelling() throws IOException
    {
        final LiveConfig config = parse(
            "venue.binance-usdm.symbols = btcusdt, EthUsdt",
            "venue.coinbase.symbols = btc-usd",
            "venue.okx.symbols = btc-usdt-swap",
            "instrument.okx.btc-usdt-swap.multiplier = 0.01",
            "market.BTC.flow = binance-usdm:btcusdt, okx:BTC-USDT-SWAP",
            "market.BTC.premium = coinbase:BTC-USD",
            "market.BTC.reference = binance-usdm:ETHUSDT");
        assertThat(config.venues.get(Venue.BINANCE_USDM).symbols()).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(config.venues.get(Venue.COINBASE).symbols()).containsExactly("BTC-USD");
        assertThat(config.instruments.find(Venue.BINANCE_USDM, "BTCUSDT")).isNotNegative();
        assertThat(config.instruments.find(Venue.BINANCE_USDM, "btcusdt")).isNegative();
        assertThat(config.instruments.get(config.instruments.find(Venue.OKX, "BTC-USDT-SWAP")).contractMultiplier())
            .isEqualTo(0.01);
    }

    @Test
    void anInverseInstrumentTakesItsContractValueAndIsBookedInverse() throws IOException
    {
        final LiveConfig config = parse(
            "venue.deribit.symbols = BTC-PERPETUAL",
            "instrument.deribit.BTC-PERPETUAL.contractValue = 1",
            "market.BTC.flow = deribit:BTC-PERPETUAL");
        final Instrument perpetual = config.instruments.get(config.instruments.find(Venue.DERIBIT, "BTC-PERPETUAL"));
        assertThat(perpetual.sizeConvention()).isEqualTo(SizeConvention.INVERSE);
        assertThat(perpetual.contractMultiplier()).isEqualTo(1.0);
        assertThat(perpetual.baseUnits(750, 92_288.5)).isEqualTo(750 / 92_288.5);
        final LiveConfig gate = parse(
            "venue.gate-futures.symbols = BTC_USDT",
            "instrument.gate-futures.BTC_USDT.multiplier = 0.0001",
            "market.BTC.flow = gate-futures:BTC_USDT");
        final Instrument quanto = gate.instruments.get(gate.instruments.find(Venue.GATE_FUTURES, "BTC_USDT"));
        assertThat(quanto.sizeConvention()).isEqualTo(SizeConvention.QUANTO);
        assertThat(quanto.contractMultiplier()).isEqualTo(0.0001);
    }

    @Test
    void symbolsThatCannotBeTheVenuesAreRefusedNamingTheSetting()
    {
        assertBad("venue.binance-usdm.symbols", "venue.binance-usdm.symbols = BTC-USDT",
            "market.BTC.flow = binance-usdm:BTC-USDT");
        assertBad("venue.binance-spot.symbols", "venue.binance-spot.symbols = BTC/USDT",
            "market.BTC.flow = binance-spot:BTC/USDT");
        assertBad("venue.coinbase.symbols", "venue.coinbase.symbols = BTCUSD", "market.BTC.flow = coinbase:BTCUSD");
        assertBad("venue.bybit-linear.symbols", "venue.bybit-linear.symbols = BTC USDT",
            "market.BTC.flow = bybit-linear:BTCUSDT");
        assertBad("venue.binance-usdm.symbols", "venue.binance-usdm.symbols = BTCUSDT, btcusdt",
            "market.BTC.flow = binance-usdm:BTCUSDT");
        assertBad("instrument.okx.ETH-USDT-SWAP.multiplier", "venue.okx.symbols = BTC-USDT-SWAP",
            "instrument.okx.BTC-USDT-SWAP.multiplier = 0.01", "instrument.okx.ETH-USDT-SWAP.multiplier = 0.1",
            "market.BTC.flow = okx:BTC-USDT-SWAP");
    }

    @Test
    void plainTextIsRefusedForAHostThatOnlyLooksLikeLoopback()
    {
        assertBad("venue.binance-usdm.url", "venue.binance-usdm.symbols = BTCUSDT",
            "venue.binance-usdm.url = ws://127.attacker.example/market/stream",
            "market.BTC.flow = binance-usdm:BTCUSDT");
        assertBad("history.url", "venue.binance-usdm.symbols = BTCUSDT", "market.BTC.flow = binance-usdm:BTCUSDT",
            "history.url = http://127.attacker.example");
    }

    @Test
    void aVenuesRestBaseIsReadAndPlainHttpIsRefusedOffLoopback() throws IOException
    {
        final LiveConfig config = parse("venue.binance-usdm.symbols = BTCUSDT",
            "market.BTC.flow = binance-usdm:BTCUSDT",
            "venue.binance-usdm.rest = http://127.0.0.1:8090");
        assertThat(config.venues.get(io.takerflow.engine.input.Venue.BINANCE_USDM).rest())
            .isEqualTo(java.net.URI.create("http://127.0.0.1:8090"));
        assertBad("venue.binance-usdm.rest", "venue.binance-usdm.symbols = BTCUSDT",
            "market.BTC.flow = binance-usdm:BTCUSDT", "venue.binance-usdm.rest = http://fapi.binance.com");
        assertBad("venue.binance-usdm.rest", "venue.binance-usdm.symbols = BTCUSDT",
            "market.BTC.flow = binance-usdm:BTCUSDT", "venue.binance-usdm.rest = wss://fapi.binance.com");
    }

    private static void assertBad(final String named, final String... lines)
    {
        assertThatThrownBy(() -> parse(lines)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(named);
    }

    private static LiveConfig parse(final String... lines) throws IOException
    {
        final Properties properties = new Properties();
        properties.load(new StringReader(String.join("\n", lines)));
        return LiveConfig.parse(properties, "test.properties");
    }
}

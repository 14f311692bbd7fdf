/**
 * The {@code takerflow} command line (picocli): {@link io.takerflow.app.TakerflowCommand} and one command per job
 * ({@code demo}, {@code live}, {@code replay}, {@code decode}, {@code dump}, {@code stat}, {@code chart},
 * {@code listen}). {@code LiveConfig} turns a settings file into the engine, feed, journal and fanout settings;
 * {@code EngineRun} assembles and runs them. The only package that may use every module (engine, feeds, journal,
 * fanout) together; nothing in the project depends on it.
 */
package io.takerflow.app;

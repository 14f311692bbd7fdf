/**
 * The venue registry: {@link io.takerflow.feeds.venues.VenueProtocols} maps each {@code Venue} to its protocol
 * object and {@link io.takerflow.feeds.venues.VenueEndpoints} holds the exchanges' default URLs. It names every venue
 * package, so it sits above them: the venue packages and {@code io.takerflow.feeds} never import it, which keeps the
 * package graph free of cycles. Used by the connection code ({@code feeds.net}), the simulator and the app.
 */
package io.takerflow.feeds.venues;

package io.cmrsweep.report.data;

/** A point of the CMR-vs-T curve with its bootstrap band, from fits/curves.json. */
public record CurvePoint(String domain, String model, double tokens, double cmr, double bandLow, double bandHigh) {}

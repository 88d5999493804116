package dev.wheelwright.build;

/** A target this host cannot build, and why; reported up front and never attempted. */
public record Unbuildable(String target, String reason) {}

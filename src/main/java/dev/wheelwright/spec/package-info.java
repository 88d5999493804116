/**
 * Exact packaging specifications, behaving as pypa/packaging (the reference implementation) does:
 * PEP 440 versions and specifiers ({@link dev.wheelwright.spec.Version},
 * {@link dev.wheelwright.spec.SpecifierSet}), PEP 425 tags and the tags an interpreter accepts on a
 * platform ({@link dev.wheelwright.spec.Tag}, {@link dev.wheelwright.spec.Tags},
 * {@link dev.wheelwright.spec.Platforms}, with PEP 600 manylinux and PEP 656 musllinux), PEP 427
 * wheel file names ({@link dev.wheelwright.spec.WheelFilename}), PEP 503 names, and PEP 508
 * requirements and markers ({@link dev.wheelwright.spec.Requirement},
 * {@link dev.wheelwright.spec.Marker}).
 *
 * <p>Pure and cheap to load: no I/O, no third-party library, no work in static initialisers
 * beyond compiling a few patterns on first use. Bad input raises a subclass of
 * {@link dev.wheelwright.WheelwrightException} whose message quotes the input as packaging does.
 */
package dev.wheelwright.spec;

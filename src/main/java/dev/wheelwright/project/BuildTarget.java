package dev.wheelwright.project;

/**
 * One architecture a CI job builds wheels for, derived from the runner and the cibuildwheel
 * arch options ({@code CIBW_ARCHS_MACOS}, {@code CIBW_ARCHS}, {@code [tool.cibuildwheel]}).
 *
 * @param run              the job that builds it
 * @param os               macos, linux or windows
 * @param arch             cibuildwheel's arch name ({@code x86_64}, {@code arm64}, {@code universal2}, ...)
 * @param runnerArch       the runner's own arch, null when the runner is unknown
 * @param crossCompiled    true when some of the target's code is compiled for an arch other than the runner's
 *                         (universal2 always has one such half)
 * @param declared         where the arch list was set (env var or pyproject option); null when it is the default
 * @param deploymentTarget MACOSX_DEPLOYMENT_TARGET for this build and where it is set; null when not set
 */
public record BuildTarget(CiRun run, String os, String arch, String runnerArch, boolean crossCompiled,
                          Located<String> declared, Located<String> deploymentTarget) {}

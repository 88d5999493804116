package dev.wheelwright.rules.cases;

import dev.wheelwright.facts.BuildLogs;
import dev.wheelwright.facts.Facts;
import java.nio.file.Path;

/** A log case is the log file itself; findings name it by its file name ({@code fail-x.log}). */
public final class LogCaseLoader implements CaseLoader {
    @Override
    public Facts load(Path caseInput, Path ruleDir) {
        return Facts.builder()
                .put(BuildLogs.class, BuildLogs.of(new BuildLogs.FileLog(caseInput.getFileName().toString(), caseInput)))
                .build();
    }
}

/**
 * Crash soaks of the scenario store: {@link chaincast.soak.CrashLoop} kills a real server process
 * with SIGKILL under concurrent writers and checks the restarted store against a {@link
 * chaincast.soak.ScenarioLedger} of acknowledged writes; {@link chaincast.soak.CrashSoak} runs it
 * from the command line for as many cycles as asked. A client of the public API only.
 */
package chaincast.soak;

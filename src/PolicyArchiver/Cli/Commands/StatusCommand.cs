using System.CommandLine;
using PolicyArchiver.Scheduling;
using PolicyArchiver.Storage;
using PolicyArchiver.Targets;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

internal static class StatusCommand
{
    private sealed record StatusJson(
        string Document, bool InTargets, DateTimeOffset? LastAttemptAt, string? LastOutcome, int? LastHttpStatus, string? LastDetail,
        DateTimeOffset? LastSuccessAt, string? Streak, DateTimeOffset? StreakSince, int StreakAttempts, int Versions, DateTimeOffset? NextRunAt,
        bool Blocked, bool NeverArchived);

    public static Command Create(Handler handler)
    {
        var zone = RunCommand.TimeZoneOption();
        var command = new Command("status", "Availability per document: last attempt, last success, current streak (e.g. unreachable since…, N attempts), versions, next scheduled run")
        {
            CaptureCommand.Only, zone, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            RunCommand.ValidateZone(context.Parse.GetValue(zone)!);
            var tz = TimeZoneInfo.FindSystemTimeZoneById(context.Parse.GetValue(zone)!);
            var targets = await context.LoadTargetsAsync(ct);
            using var archive = await context.OpenExistingArchiveAsync(ct);
            var only = context.Parse.GetValue(CaptureCommand.Only);
            var documents = targets.Select(only).ToDictionary(d => d.Key);
            var keys = documents.Keys.Union((await archive.Catalog.GetDocumentsAsync(ct)).Where(k => Matches(k, only))).Order(StringComparer.Ordinal).ToList();
            if (keys.Count == 0) throw new CliException(ExitCodes.BadInput, $"--only {only}: no such company or document");

            var now = context.Time.GetUtcNow();
            var rows = new List<StatusJson>();
            foreach (var key in keys)
            {
                var a = await archive.Catalog.GetAvailabilityAsync(key, ct);
                documents.TryGetValue(key, out var document);
                var streak = a.LastAttempt is null ? null : a.LastAttempt.Outcome == Outcome.Ok ? "ok" : "unreachable";
                rows.Add(new StatusJson(key, document is not null, a.LastAttempt?.At, a.LastAttempt?.Outcome.ToWire(), a.LastAttempt?.HttpStatus, a.LastAttempt?.Detail,
                    a.LastSuccessAt, streak, a.StreakSince, a.StreakAttempts, a.Versions,
                    document is null ? null : DocumentSchedule.NextRun(document, tz, now), a.Blocked, a.NeverArchived));
            }
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(rows));
                return ExitCodes.Ok;
            }
            foreach (var r in rows) await context.Out.WriteLineAsync(Line(r));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static bool Matches(string key, string? only) =>
        string.IsNullOrEmpty(only) || key == only || key.StartsWith(only + "/", StringComparison.Ordinal);

    private static string Line(StatusJson r)
    {
        var last = $"{r.LastOutcome}{(r.LastHttpStatus is { } s ? $" HTTP {s}" : "")}";
        // A wall served instead of the document must not read like a passing outage.
        var state = r.LastAttemptAt is null
            ? "never captured"
            : r.Streak == "ok"
                ? $"ok since {Format.Time(r.StreakSince!.Value)} ({r.StreakAttempts} attempts)"
                : r.Blocked
                    ? $"BLOCKED since {Format.Time(r.StreakSince!.Value)}{(r.NeverArchived ? " (never archived)" : "")}, {r.StreakAttempts} attempts (last: {last}: {r.LastDetail})"
                    : $"unreachable since {Format.Time(r.StreakSince!.Value)}, {r.StreakAttempts} attempts (last: {last})";
        var success = r.LastSuccessAt is { } ok ? $"last ok {Format.Time(ok)}" : "never ok";
        var next = r.NextRunAt is { } n ? $"next {Format.Time(n)}" : "removed from targets";
        return $"{r.Document}: {state}; {success}; {r.Versions} version(s); {next}";
    }
}

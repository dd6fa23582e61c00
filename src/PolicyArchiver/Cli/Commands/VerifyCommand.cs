using System.CommandLine;
using PolicyArchiver.Archiving;
using PolicyArchiver.Evidence.Verification;

namespace PolicyArchiver.Cli.Commands;

internal static class VerifyCommand
{
    private sealed record ReportJson(bool Intact, IReadOnlyDictionary<string, long> Checked, IReadOnlyList<VerificationProblem> Problems, IReadOnlyList<VerificationProblem> Warnings);

    public static Command Create(Handler handler)
    {
        var command = new Command("verify", "Recompute every blob digest, WARC record digest, the ledger's hash chain and every checkpoint signature; exit 0 when intact, 4 naming each damaged item. Never modifies anything.")
        {
            GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            using var archive = await context.OpenArchiveReadOnlyAsync(ct);
            var report = await new ArchiveVerifier(archive).VerifyAsync(step => context.Error.WriteLine($"verifying {step}…"), ct);
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(new ReportJson(report.Intact, report.Checked, report.Problems, report.Warnings)));
            }
            else
            {
                foreach (var p in report.Problems) await context.Out.WriteLineAsync($"DAMAGED {p.Kind}: {p.Location}: {p.Detail}");
                foreach (var w in report.Warnings) await context.Out.WriteLineAsync($"note {w.Kind}: {w.Location}: {w.Detail}");
                var counts = string.Join(", ", report.Checked.Select(c => $"{c.Value} {c.Key}"));
                await context.Out.WriteLineAsync(report.Intact ? $"intact: checked {counts}" : $"{report.Problems.Count} problem(s); checked {counts}");
            }
            return report.Intact ? ExitCodes.Ok : ExitCodes.Damaged;
        }));
        return command;
    }
}

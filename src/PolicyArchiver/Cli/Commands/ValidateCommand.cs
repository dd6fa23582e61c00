using System.CommandLine;

namespace PolicyArchiver.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create(Handler handler)
    {
        var command = new Command("validate", "Check targets.json: exit 0 with a summary, or exit 2 listing every problem with its JSON path");
        command.SetAction(handler(async (context, ct) =>
        {
            var targets = await context.LoadTargetsAsync(ct);
            var documents = targets.Documents.ToList();
            await context.Out.WriteLineAsync(
                $"{context.TargetsFile}: valid — {targets.Companies.Count} companies, {documents.Count} documents " +
                $"({string.Join(", ", documents.GroupBy(d => d.Language).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"))})");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

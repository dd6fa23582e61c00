using System.CommandLine;
using PolicyArchiver.Storage;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

internal static class ShowCommand
{
    /// <summary>The JSON shape of <c>show --json</c>: a contract, fields are added, never renamed.</summary>
    private sealed record TextJson(string Document, int Version, DateTimeOffset CapturedAt, string TextSha256, string SnapshotSha256, bool Technical, bool Ocr, string Text);

    public static Command Create(Handler handler)
    {
        var document = DocumentArgument.Create();
        var at = new Option<string?>("--at") { Description = "Show the version in force at this instant (ISO 8601 or day-first dd.mm.yyyy; UTC unless an offset is given)", HelpName = "DATE|INSTANT" };
        var number = new Option<int?>("--version") { Description = "Show version N", HelpName = "N" };
        var command = new Command("show", "Print the text of a document's version: the latest, the one in force at an instant, or number N")
        {
            document, at, number, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            using var archive = await context.OpenExistingArchiveAsync(ct);
            var key = await context.ResolveDocumentAsync(context.Parse.GetValue(document)!, archive, ct);
            var atValue = context.Parse.GetValue(at);
            var n = context.Parse.GetValue(number);
            if (atValue is not null && n is not null) throw new CliException(ExitCodes.BadInput, "give --at or --version, not both");

            DocumentVersion? version;
            string none;
            if (atValue is not null)
            {
                var instant = InstantOption.Parse(atValue, "--at");
                version = await archive.Catalog.GetVersionAtAsync(key, instant, ct);
                none = $"{key}: no version had been captured at {Format.Time(instant)}";
            }
            else if (n is not null)
            {
                version = await archive.Catalog.GetVersionAsync(key, n.Value, ct);
                none = $"{key}: there is no version {n}";
            }
            else
            {
                version = await archive.Catalog.GetLatestVersionAsync(key, ct);
                none = $"{key}: no version captured yet";
            }
            if (version is null)
            {
                await context.Error.WriteLineAsync(none);
                return ExitCodes.Nothing;
            }
            var text = await archive.ReadTextAsync(version, ct);
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
                await context.Out.WriteLineAsync(Json.Serialize(new TextJson(key, version.Number, version.CapturedAt.ToUniversalTime(), version.TextSha256, version.SnapshotSha256,
                    version.Technical, version.Ocr, text)));
            else await context.Out.WriteAsync(text);
            return ExitCodes.Ok;
        }));
        return command;
    }
}

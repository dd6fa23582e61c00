using System.CommandLine;
using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli.Commands;

internal static class ObservationsCommand
{
    public static Command Create(Handler handler)
    {
        var document = DocumentArgument.Create();
        var command = new Command("observations", "Every capture attempt of a document, oldest first, including failures")
        {
            document, GlobalOptions.JsonOutput,
        };
        command.SetAction(handler(async (context, ct) =>
        {
            using var archive = await context.OpenExistingArchiveAsync(ct);
            var key = await context.ResolveDocumentAsync(context.Parse.GetValue(document)!, archive, ct);
            var observations = await archive.Catalog.GetObservationsAsync(key, ct);
            if (context.Parse.GetValue(GlobalOptions.JsonOutput))
            {
                await context.Out.WriteLineAsync(Json.Serialize(observations.Select(ObservationJson.From)));
                return ExitCodes.Ok;
            }
            if (observations.Count == 0) await context.Out.WriteLineAsync($"{key}: no observations yet");
            foreach (var o in observations)
            {
                var status = o.HttpStatus is { } s ? s.ToString() : "-";
                var version = o.Version is { } v ? (o.NewVersion ? $"new v{v}" : $"v{v}") : "";
                await context.Out.WriteLineAsync($"{Format.Time(o.At)}  {o.Outcome.ToWire(),-13} {status,3}  {version,-7} {o.FinalUrl ?? o.Url}{(o.Detail is { } d ? "  — " + d : "")}{(o.Source is null ? "" : "  [imported]")}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}

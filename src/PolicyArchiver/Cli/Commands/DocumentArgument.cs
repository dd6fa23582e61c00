using System.CommandLine;

namespace PolicyArchiver.Cli.Commands;

internal static class DocumentArgument
{
    public static Argument<string> Create() => new("document")
    {
        Description = "The document, as COMPANY/DOCUMENT (e.g. kaspi/privacy-policy-ru)",
        HelpName = "COMPANY/DOCUMENT",
    };
}

using System.CommandLine;

namespace PolicyArchiver.Cli;

/// <summary>The body of a command, given the parsed context.</summary>
internal delegate Task<int> CommandBody(CliContext context, CancellationToken ct);

/// <summary>Turns a command body into a System.CommandLine action with the shared error handling.</summary>
internal delegate Func<ParseResult, CancellationToken, Task<int>> Handler(CommandBody body);


namespace PolicyArchiver.Capture;

/// <summary>
/// What a capture may skip when a document has not changed: the render, when the raw bytes already
/// show the text unchanged (<see cref="Raw"/>, only for documents whose text needs no script), and
/// the full-page screenshot, when the rendered text is the latest version's (<see cref="Rendered"/>).
/// </summary>
internal sealed record UnchangedChecks(
    Func<ServedResponse, CancellationToken, Task<bool>>? Raw,
    Func<string, string, CancellationToken, Task<bool>> Rendered);

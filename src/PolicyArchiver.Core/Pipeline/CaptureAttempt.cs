using PolicyArchiver.Capture;
using PolicyArchiver.Targets;

namespace PolicyArchiver.Pipeline;

/// <summary>One attempt at a document, as the archivist hands it to the <see cref="CaptureRecorder"/>.</summary>
/// <param name="At">When the attempt began: the observation's time.</param>
/// <param name="Started">The same instant as a <see cref="TimeProvider.GetTimestamp"/>, from which its duration is measured.</param>
/// <param name="Parts">The further pages of a document split across several, each ok.</param>
/// <param name="Attempts">Fetches of the main page it took (retries included).</param>
internal sealed record CaptureAttempt(Document Document, DateTimeOffset At, long Started, PageCapture Capture, IReadOnlyList<PageCapture> Parts, int Attempts);

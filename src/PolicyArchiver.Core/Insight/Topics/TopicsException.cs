namespace PolicyArchiver.Insight.Topics;

/// <summary>topics.json could not be used; every problem is listed, each naming its JSON path (as targets.json's errors do).</summary>
internal sealed class TopicsException(string file, IReadOnlyList<string> errors)
    : Exception($"{file}: {errors.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public string File { get; } = file;
    public IReadOnlyList<string> Errors { get; } = errors;
}

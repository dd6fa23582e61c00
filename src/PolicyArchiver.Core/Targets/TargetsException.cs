namespace PolicyArchiver.Targets;

/// <summary>targets.json could not be used; every problem is listed, each naming its JSON path.</summary>
internal sealed class TargetsException(string file, IReadOnlyList<string> errors)
    : Exception($"{file}: {errors.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public string File { get; } = file;
    public IReadOnlyList<string> Errors { get; } = errors;
}

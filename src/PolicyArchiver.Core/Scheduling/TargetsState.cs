using PolicyArchiver.Targets;

namespace PolicyArchiver.Scheduling;

/// <summary>The targets the service is running with; replaced as a whole when a valid edit is loaded.</summary>
internal sealed class TargetsState(TargetList initial)
{
    private volatile TargetList _current = initial;

    public TargetList Current => _current;

    public void Replace(TargetList targets) => _current = targets;
}

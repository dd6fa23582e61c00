// Two namespaces that use each other, so that NamespaceLoopTests can show its check finds a loop.
namespace PolicyArchiver.Tests.Architecture.LoopSample.Left
{
    internal static class Caller
    {
        public static int Call() => Right.Callee.Value + 1;
    }
}

namespace PolicyArchiver.Tests.Architecture.LoopSample.Right
{
    internal static class Callee
    {
        public static int Value => Left.Caller.Call() > 0 ? 0 : 1;
    }
}

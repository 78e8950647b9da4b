using System.Buffers;

namespace Prefix.Redis.Tests.Protocol;

/// <summary>Builds a ReadOnlySequence from several buffers, the way bytes arrive from a socket.</summary>
internal sealed class FragmentedSequence : ReadOnlySequenceSegment<byte>
{
    private FragmentedSequence(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Create(params ReadOnlyMemory<byte>[] parts)
    {
        var first = new FragmentedSequence(parts[0], 0);
        var last = first;
        foreach (var part in parts.Skip(1))
        {
            var next = new FragmentedSequence(part, last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}

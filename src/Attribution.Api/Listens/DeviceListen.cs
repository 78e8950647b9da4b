namespace Attribution.Api.Listens;

/// <summary>One device's playback of the episode.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="PlayedSec">Distinct audio played (union of the valid intervals), seconds.</param>
/// <param name="IsListen">Whether <paramref name="PlayedSec"/> reached the threshold and the device is not flagged.</param>
/// <param name="Flags">Fraud guards that fired; a flagged device counts in <c>flagged</c> only.</param>
/// <param name="RejectedIntervals">Intervals whose positions advanced faster than the clock allows.</param>
internal sealed record DeviceListen(string DeviceId, double PlayedSec, bool IsListen, ListenFlags Flags, int RejectedIntervals);

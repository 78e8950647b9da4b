// Fault tests time outages of 20 and 30 s on a 2-core machine and every test starts its own processes:
// one at a time, or they would starve each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

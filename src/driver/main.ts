// Placeholder entry point; the driver proper is being written.
process.stdout.write("tscc 0.1.0\n");

// 3:25: error: continue statement not within a loop
int main(void) {
  switch (1) { default: continue; }
}

/* A two-file program: main here, the counter in two-util.c. */
struct counter { int hits; const char *label; };

void counter_add(struct counter *c, int n);
int counter_total(const struct counter *c);

int main(void) {
  struct counter c = { 0, "visits" };
  for (int k = 1; k <= 3; k++)
    counter_add(&c, k);
  int t = counter_total(&c);
  return t == 6 ? 0 : 1;
}

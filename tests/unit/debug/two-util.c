/* The other half of two-main.c. */
struct counter { int hits; const char *label; };

static int calls;

void counter_add(struct counter *c, int n) {
  calls++;
  c->hits += n;
}

int counter_total(const struct counter *c) {
  int total = c->hits;
  return total + 0 * calls;
}

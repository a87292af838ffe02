// 4:11: error: request for member 'a' in something not a structure or union
int main(void) {
  int x = 0;
  return x.a;
}

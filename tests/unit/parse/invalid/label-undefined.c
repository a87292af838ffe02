// 3:3: error: label 'out' used but not defined
int main(void) {
  goto out;
}

static const char null[] = "(null)";
static const int ci = 3;
static const int arr[] = {1,2};
static int v2[3];
int main(void){return 0;}

package io.aoailab.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiveCredentialSourceTest {

    @ParameterizedTest
    @CsvSource({
        "https://login.microsoftonline.com/, true",
        "https://LOGIN.microsoftonline.us, true",
        "https://login.chinacloudapi.cn/, true",
        "https://127.0.0.1:47000/, false",
        "https://adfs.contoso.com/adfs, false"})
    void should_keep_instance_discovery_for_microsoft_clouds_only(String authority, boolean microsoft) {
        assertThat(LiveCredentialSource.isMicrosoftCloud(URI.create(authority))).isEqualTo(microsoft);
    }
}
